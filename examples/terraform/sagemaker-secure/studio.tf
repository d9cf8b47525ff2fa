# --- Studio: VpcOnly in the private subnets, EFS with our key, SSO, source identity, no Docker ----

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "ml-studio"
  auth_mode               = "SSO"
  app_network_access_type = "VpcOnly"
  vpc_id                  = aws_vpc.ml.id
  subnet_ids              = [for s in aws_subnet.private : s.id]
  kms_key_id              = aws_kms_key.ml.arn

  default_user_settings {
    execution_role  = aws_iam_role.sagemaker.arn
    security_groups = [aws_security_group.notebooks.id]

    sharing_settings {
      notebook_output_option = "Disabled"
    }
  }

  domain_settings {
    security_group_ids             = [aws_security_group.notebooks.id]
    execution_role_identity_config = "USER_PROFILE_NAME"

    docker_settings {
      enable_docker_access = "DISABLED"
    }
  }
}

resource "aws_sagemaker_user_profile" "team" {
  for_each          = var.teams
  domain_id         = aws_sagemaker_domain.studio.id
  user_profile_name = each.key
}

resource "aws_sagemaker_space" "team" {
  for_each   = var.teams
  domain_id  = aws_sagemaker_domain.studio.id
  space_name = "${each.key}-lab"

  space_sharing_settings {
    sharing_type = "Private"
  }

  ownership_settings {
    owner_user_profile_name = aws_sagemaker_user_profile.team[each.key].user_profile_name
  }
}
