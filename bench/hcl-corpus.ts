/**
 * A deterministic corpus of realistic Terraform for the parser benchmark: ML platform modules
 * (SageMaker notebooks, S3 buckets with KMS and Object Lock, IAM policies in `jsonencode` and
 * heredocs, Vertex AI Workbench, GCS buckets), variables, locals, outputs, `for_each`, `count`,
 * `dynamic` blocks. Generated in memory so no megabytes are committed.
 */
import { mulberry32 } from "../test/terraform/hcl/generator";

const TEAMS = ["vision", "nlp", "ranking", "fraud", "forecast", "search", "ads", "speech"];
const ENVS = ["dev", "staging", "prod"];
const ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "kms:Decrypt", "kms:GenerateDataKey", "sagemaker:CreateTrainingJob", "logs:PutLogEvents", "ecr:BatchGetImage"];

/** Returns `count` files of Terraform, each a few to a few dozen kilobytes. */
export function generateCorpus(totalBytes: number, seed = 1): string[] {
    const rand = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const files: string[] = [];
    let size = 0;
    let n = 0;
    while (size < totalBytes) {
        const parts: string[] = [];
        const blocks = 8 + Math.floor(rand() * 24);
        for (let b = 0; b < blocks; b++) {
            const team = pick(TEAMS);
            const env = pick(ENVS);
            const id = `${team}_${env}_${n}_${b}`;
            switch (Math.floor(rand() * 10)) {
                case 0:
                    parts.push(`variable "${id}_instance_type" {
  description = "Instance type for the ${team} notebook in ${env}"
  type        = string
  default     = "ml.t3.medium"

  validation {
    condition     = can(regex("^ml\\\\.", var.${id}_instance_type))
    error_message = "The instance type must start with \\"ml.\\"."
  }
}
`);
                    break;
                case 1:
                    parts.push(`locals {
  ${id}_name   = "\${var.prefix}-${team}-${env}"
  ${id}_tags   = merge(var.common_tags, { Team = "${team}", Environment = "${env}" })
  ${id}_subnets = [for s in module.vpc.private_subnets : s if length(s) > 0]
  ${id}_ports  = { for i, p in [443, 8443, 9000] : "port-\${i}" => p }
}
`);
                    break;
                case 2:
                    parts.push(`resource "aws_sagemaker_notebook_instance" "${id}" {
  name                   = "\${local.prefix}-${team}-\${count.index}"
  count                  = var.enabled ? ${1 + Math.floor(rand() * 3)} : 0
  role_arn               = aws_iam_role.${team}_notebook.arn
  instance_type          = var.instance_type
  subnet_id              = element(module.vpc.private_subnets, count.index)
  security_groups        = [aws_security_group.${team}_notebook.id]
  kms_key_id             = aws_kms_key.${team}.arn
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  volume_size            = ${5 * (1 + Math.floor(rand() * 20))}
  lifecycle_config_name  = aws_sagemaker_notebook_instance_lifecycle_configuration.${team}.name

  tags = local.common_tags
}
`);
                    break;
                case 3:
                    parts.push(`resource "aws_s3_bucket" "${id}" {
  for_each = toset(["data", "models", "artifacts"])
  bucket   = "\${var.prefix}-${team}-${env}-\${each.key}"

  object_lock_enabled = true
  tags                = merge(local.common_tags, { Purpose = each.key })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "${id}" {
  for_each = aws_s3_bucket.${id}
  bucket   = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.${team}.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_object_lock_configuration" "${id}" {
  for_each = aws_s3_bucket.${id}
  bucket   = each.value.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = ${30 + Math.floor(rand() * 365)}
    }
  }
}

resource "aws_s3_bucket_versioning" "${id}" {
  for_each = aws_s3_bucket.${id}
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "${id}" {
  for_each                = aws_s3_bucket.${id}
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "${id}" {
  for_each = aws_s3_bucket.${id}
  bucket   = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

data "aws_iam_policy_document" "${id}_tls" {
  for_each = aws_s3_bucket.${id}
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "\${each.value.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "${id}" {
  for_each = aws_s3_bucket.${id}
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.${id}_tls[each.key].json
}

resource "aws_ecr_repository" "${id}" {
  name                 = "${team}-${env}-inference"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.${team}.arn
  }
}

resource "aws_vpc_endpoint" "${id}" {
  for_each            = toset(["sagemaker.api", "sagemaker.runtime", "sts", "logs"])
  vpc_id              = module.vpc.vpc_id
  service_name        = "com.amazonaws.\${var.region}.\${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`);
                    break;
                case 4: {
                    const actions = ACTIONS.filter(() => rand() < 0.5).map((a) => `"${a}"`).join(", ") || '"s3:GetObject"';
                    parts.push(`resource "aws_iam_role_policy" "${id}" {
  name = "${team}-${env}-access"
  role = aws_iam_role.${team}_notebook.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DataAccess"
        Effect   = "Allow"
        Action   = [${actions}]
        Resource = [aws_s3_bucket.${team}_data.arn, "\${aws_s3_bucket.${team}_data.arn}/*"]
        Condition = {
          StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["iam:PassRole"]
        Resource = aws_iam_role.${team}_training.arn
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
    ]
  })
}
`);
                    break;
                }
                case 5:
                    parts.push(`resource "aws_iam_policy" "${id}" {
  name   = "${team}-${env}-logs"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
          "Resource": "arn:aws:logs:\${var.region}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/sagemaker/*"
        }
      ]
    }
  POLICY
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "${id}" {
  name     = "${team}-${env}-lc"
  on_start = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "Starting \${var.prefix} notebook for ${team}"
    %{ for pkg in var.packages ~}
    pip install \${pkg}
    %{ endfor ~}
  EOT
  )
}
`);
                    break;
                case 6:
                    parts.push(`resource "google_workbench_instance" "${id}" {
  name     = "${team}-${env}-workbench"
  location = var.zone
  gce_setup {
    machine_type         = "n1-standard-4"
    disable_public_ip    = true
    enable_ip_forwarding = false
    service_accounts {
      email = google_service_account.${team}.email
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.${team}.id
    }
    network_interfaces {
      network = google_compute_network.main.id
      subnet  = google_compute_subnetwork.private[${Math.floor(rand() * 4)}].id
    }
    metadata = {
      notebook-disable-root = "true"
      proxy-mode            = "service_account"
    }
    dynamic "accelerator_configs" {
      for_each = var.gpu ? [1] : []
      content {
        type       = "NVIDIA_TESLA_T4"
        core_count = 1
      }
    }
  }
  disable_proxy_access = false
  labels               = { team = "${team}", env = "${env}" }
}
`);
                    break;
                case 7:
                    parts.push(`resource "google_storage_bucket" "${id}" {
  name                        = "\${var.project}-${team}-${env}-models"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  encryption {
    default_kms_key_name = google_kms_crypto_key.${team}.id
  }

  retention_policy {
    is_locked        = var.environment == "prod"
    retention_period = ${86400 * (1 + Math.floor(rand() * 30))}
  }

  versioning {
    enabled = true
  }
}
`);
                    break;
                case 8:
                    parts.push(SAGEMAKER_BLOCKS[Math.floor(rand() * SAGEMAKER_BLOCKS.length)](id, team));
                    break;
                default:
                    parts.push(`module "${id}" {
  source  = "./modules/ml-platform"
  name    = "${team}-${env}"
  vpc_id  = module.vpc.vpc_id
  subnets = module.vpc.private_subnets
  buckets = { for k, v in aws_s3_bucket.${team}_data : k => v.arn }
  tags    = local.common_tags
}

output "${id}_arns" {
  description = "Notebook ARNs for ${team}"
  value       = aws_sagemaker_notebook_instance.${team}[*].arn
  sensitive   = false
}
`);
            }
        }
        const file = `# Generated ${team(n)} configuration\n\n` + parts.join("\n");
        files.push(file);
        size += Buffer.byteLength(file);
        n++;
    }
    return files;

    function team(i: number): string {
        return TEAMS[i % TEAMS.length];
    }
}

/** SageMaker inference, Studio and MLOps resources, so the corpus exercises their controls too. */
const SAGEMAKER_BLOCKS: ReadonlyArray<(id: string, team: string) => string> = [
    (id, team) => `resource "aws_sagemaker_model" "${id}" {
  name                     = "\${var.prefix}-${id}"
  execution_role_arn       = aws_iam_role.${team}_notebook.arn
  enable_network_isolation = true

  primary_container {
    image          = "111122223333.dkr.ecr.\${var.region}.amazonaws.com/${team}@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"
    model_data_url = "s3://\${var.prefix}-${team}-data/models/${id}/model.tar.gz"
  }

  vpc_config {
    subnets            = module.vpc.private_subnets
    security_group_ids = [aws_security_group.${team}_notebook.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "${id}" {
  name        = "\${var.prefix}-${id}"
  kms_key_arn = aws_kms_key.${team}.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.${id}.name
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 10
    destination_s3_uri          = "s3://\${var.prefix}-${team}-data/capture/${id}"
    kms_key_id                  = aws_kms_key.${team}.arn

    capture_options {
      capture_mode = "Input"
    }
  }
}
`,
    (id, team) => `resource "aws_sagemaker_domain" "${id}" {
  domain_name             = "\${var.prefix}-${id}"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = module.vpc.vpc_id
  subnet_ids              = module.vpc.private_subnets
  kms_key_id              = aws_kms_key.${team}.arn

  default_user_settings {
    execution_role  = aws_iam_role.${team}_notebook.arn
    security_groups = [aws_security_group.${team}_notebook.id]

    sharing_settings {
      notebook_output_option = "Disabled"
    }
  }

  domain_settings {
    execution_role_identity_config = "USER_PROFILE_NAME"
  }
}

resource "aws_sagemaker_user_profile" "${id}" {
  for_each          = toset(["alice", "bob"])
  domain_id         = aws_sagemaker_domain.${id}.id
  user_profile_name = "\${each.key}-${team}"
}
`,
    (id, team) => `resource "aws_sagemaker_feature_group" "${id}" {
  feature_group_name             = "\${var.prefix}-${id}"
  record_identifier_feature_name = "id"
  event_time_feature_name        = "ts"
  role_arn                       = aws_iam_role.${team}_training.arn

  feature_definition {
    feature_name = "id"
    feature_type = "String"
  }

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://\${var.prefix}-${team}-data/features/${id}"
      kms_key_id = aws_kms_key.${team}.arn
    }
  }
}

resource "aws_sagemaker_training_job" "${id}" {
  training_job_name                         = "\${var.prefix}-${id}"
  role_arn                                  = aws_iam_role.${team}_training.arn
  enable_network_isolation                  = true
  enable_inter_container_traffic_encryption = true

  algorithm_specification {
    training_image      = "111122223333.dkr.ecr.\${var.region}.amazonaws.com/${team}-train:1"
    training_input_mode = "File"
  }

  output_data_config {
    s3_output_path = "s3://\${var.prefix}-${team}-data/output"
    kms_key_id     = aws_kms_key.${team}.arn
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 1
    volume_size_in_gb = 50
    volume_kms_key_id = aws_kms_key.${team}.arn
  }

  vpc_config {
    subnets            = module.vpc.private_subnets
    security_group_ids = [aws_security_group.${team}_notebook.id]
  }
}
`,
];
