# --- Inference: a model with network access on SageMaker-managed networking, unencrypted capture --

resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = aws_iam_role.sagemaker.arn

  primary_container {
    image = "docker.io/acme/churn:latest"
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "churn"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://acme-ml-model-artifacts/data-capture/churn"

    capture_options {
      capture_mode = "Input"
    }
  }
}
