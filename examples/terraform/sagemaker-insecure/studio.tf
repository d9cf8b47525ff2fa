# --- Studio: public internet mode, AWS-managed EFS key, shared output, Docker on, a shared space --

resource "aws_sagemaker_domain" "studio" {
  domain_name = "ml-studio"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.ml.id
  subnet_ids  = [aws_subnet.public.id]

  default_user_settings {
    execution_role = aws_iam_role.sagemaker.arn

    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://acme-ml-shared-notebooks"
    }
  }

  domain_settings {
    docker_settings {
      enable_docker_access = "ENABLED"
    }
  }
}

resource "aws_sagemaker_user_profile" "contractor" {
  domain_id         = aws_sagemaker_domain.studio.id
  user_profile_name = "contractor"

  user_settings {
    execution_role  = aws_iam_role.sagemaker.arn
    security_groups = []
  }
}

resource "aws_sagemaker_space" "everyone" {
  domain_id  = aws_sagemaker_domain.studio.id
  space_name = "everyone"

  space_sharing_settings {
    sharing_type = "Shared"
  }
}
