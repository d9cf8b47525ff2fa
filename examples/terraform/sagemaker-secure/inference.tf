# --- Inference: an isolated model in the private subnets, encrypted endpoint storage and capture --

resource "aws_security_group" "serving" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_sagemaker_model" "churn" {
  name                     = "churn"
  execution_role_arn       = aws_iam_role.sagemaker.arn
  enable_network_isolation = true

  primary_container {
    image = "${var.account_id}.dkr.ecr.${var.region}.amazonaws.com/churn@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"
  }

  vpc_config {
    subnets            = [for s in aws_subnet.private : s.id]
    security_group_ids = [aws_security_group.serving.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name        = "churn"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://acme-ml-model-artifacts/data-capture/churn"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "Input"
    }
  }
}
