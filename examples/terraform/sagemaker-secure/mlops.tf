# --- Features, monitoring and training: customer-managed keys, isolation, private subnets --------

resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = aws_iam_role.sagemaker.arn

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }

  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }

  online_store_config {
    enable_online_store = true

    security_config {
      kms_key_id = aws_kms_key.ml.arn
    }
  }

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://acme-ml-training-data/features/customers"
      kms_key_id = aws_kms_key.ml.arn
    }
  }
}

resource "aws_sagemaker_data_quality_job_definition" "churn" {
  name     = "churn-data-quality"
  role_arn = aws_iam_role.sagemaker.arn

  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.${var.region}.amazonaws.com/sagemaker-model-monitor-analyzer"
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }

  data_quality_job_output_config {
    kms_key_id = aws_kms_key.ml.arn

    monitoring_outputs {
      s3_output {
        s3_uri = "s3://acme-ml-model-artifacts/monitoring/churn"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.ml.arn
    }
  }

  network_config {
    enable_inter_container_traffic_encryption = true
    enable_network_isolation                  = true

    vpc_config {
      subnets            = [for s in aws_subnet.private : s.id]
      security_group_ids = [aws_security_group.serving.id]
    }
  }
}

resource "aws_sagemaker_monitoring_schedule" "churn" {
  name = "churn-hourly"

  monitoring_schedule_config {
    monitoring_type                = "DataQuality"
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.churn.name

    schedule_config {
      schedule_expression = "cron(0 * ? * * *)"
    }
  }
}

resource "aws_sagemaker_training_job" "churn" {
  training_job_name                         = "churn-train"
  role_arn                                  = aws_iam_role.sagemaker.arn
  enable_network_isolation                  = true
  enable_inter_container_traffic_encryption = true

  algorithm_specification {
    training_image      = "${var.account_id}.dkr.ecr.${var.region}.amazonaws.com/churn-train@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"
    training_input_mode = "File"
  }

  output_data_config {
    s3_output_path = "s3://acme-ml-model-artifacts/churn"
    kms_key_id     = aws_kms_key.ml.arn
  }

  resource_config {
    instance_type     = "ml.m5.xlarge"
    instance_count    = 1
    volume_size_in_gb = 30
    volume_kms_key_id = aws_kms_key.ml.arn
  }

  vpc_config {
    subnets            = [for s in aws_subnet.private : s.id]
    security_group_ids = [aws_security_group.serving.id]
  }

  stopping_condition {
    max_runtime_in_seconds = 3600
  }
}
