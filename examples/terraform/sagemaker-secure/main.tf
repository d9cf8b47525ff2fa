# The same ML platform as ../sagemaker-insecure, hardened: private subnets without an internet
# route, customer-managed KMS keys with rotation, Object Lock, least-privilege IAM. mlguard reports
# nothing here.

provider "aws" {
  region = var.region
}

locals {
  buckets = toset(["training-data", "model-artifacts"])
}

# --- Network: private subnets; AWS services are reached through VPC endpoints -------------------

resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "private" {
  for_each   = var.private_subnets
  vpc_id     = aws_vpc.ml.id
  cidr_block = each.value
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}

resource "aws_security_group" "notebooks" {
  vpc_id = aws_vpc.ml.id
}

# --- Encryption ---------------------------------------------------------------------------------

resource "aws_kms_key" "ml" {
  description         = "ML data"
  enable_key_rotation = true
}

# --- Data: SSE-KMS with our key, Object Lock ----------------------------------------------------

module "buckets" {
  source   = "../modules/ml-bucket"
  for_each = local.buckets

  name          = "acme-ml-${each.key}"
  sse_algorithm = "aws:kms"
  kms_key_arn   = aws_kms_key.ml.arn
  object_lock    = true
  versioning     = true
  retention_days = 30
  tls_only       = true
  tags           = { ml-data-class = each.key }
}

# --- Notebooks ----------------------------------------------------------------------------------

module "notebook" {
  source   = "../modules/notebook"
  for_each = var.teams

  name               = "${each.key}-notebook"
  role_arn           = aws_iam_role.sagemaker.arn
  subnet_id          = aws_subnet.private["a"].id
  security_group_ids = [aws_security_group.notebooks.id]
  kms_key_id         = aws_kms_key.ml.arn

  default_code_repository = aws_sagemaker_code_repository.notebooks.code_repository_name
}

resource "aws_sagemaker_code_repository" "notebooks" {
  code_repository_name = "notebooks"

  git_config {
    repository_url = "https://git-codecommit.${var.region}.amazonaws.com/v1/repos/notebooks"
  }
}

# --- Images: immutable tags, scanned on push, our key ------------------------------------------

resource "aws_ecr_repository" "inference" {
  name                 = "churn-inference"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}

# --- The interface endpoints SageMaker needs, and the S3 endpoint's policy ---------------------

resource "aws_security_group" "endpoints" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(["sagemaker.api", "sagemaker.runtime", "sts", "logs", "ecr.api", "ecr.dkr"])
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [for s in aws_subnet.private : s.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OwnAccountBuckets"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
      Resource  = ["arn:aws:s3:::*", "arn:aws:s3:::*/*"]
      Condition = { StringEquals = { "s3:ResourceAccount" = "111122223333" } }
    }]
  })
}
