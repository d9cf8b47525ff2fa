# --- Features, monitoring and training with provider defaults: AWS-managed keys, no isolation ----

resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = aws_iam_role.sagemaker.arn

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }

  online_store_config {
    enable_online_store = true
  }
}

resource "aws_sagemaker_monitoring_schedule" "churn" {
  name = "churn-hourly"

  monitoring_schedule_config {
    monitoring_type = "DataQuality"

    monitoring_job_definition {
      role_arn = aws_iam_role.sagemaker.arn

      monitoring_app_specification {
        image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
      }

      monitoring_inputs {
        endpoint_input {
          endpoint_name = "churn"
        }
      }

      monitoring_output_config {
        monitoring_outputs {
          s3_output {
            s3_uri = "s3://acme-ml-model-artifacts/monitoring/churn"
          }
        }
      }

      monitoring_resources {
        cluster_config {
          instance_count    = 2
          instance_type     = "ml.m5.large"
          volume_size_in_gb = 20
        }
      }
    }

    schedule_config {
      schedule_expression = "cron(0 * ? * * *)"
    }
  }
}

resource "aws_sagemaker_training_job" "churn" {
  training_job_name = "churn-train"
  role_arn          = aws_iam_role.sagemaker.arn

  algorithm_specification {
    training_image      = "docker.io/acme/churn-train:latest"
    training_input_mode = "File"
  }

  output_data_config {
    s3_output_path = "s3://acme-ml-model-artifacts/churn"
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 2
    volume_size_in_gb = 30
  }
}
