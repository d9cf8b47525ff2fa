# A SageMaker notebook instance for one team.

variable "name" {
  type = string
}

variable "role_arn" {
  type = string
}

variable "subnet_id" {
  type    = string
  default = null
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "direct_internet_access" {
  type    = string
  default = "Disabled"
}

variable "root_access" {
  type    = string
  default = "Disabled"
}

variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_sagemaker_notebook_instance" "this" {
  name                   = var.name
  instance_type          = "ml.t3.medium"
  role_arn               = var.role_arn
  subnet_id              = var.subnet_id
  security_groups        = var.security_group_ids
  direct_internet_access = var.direct_internet_access
  root_access            = var.root_access
  kms_key_id             = var.kms_key_id
  platform_identifier    = var.platform_identifier

  default_code_repository = var.default_code_repository

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = var.imds_version
  }

  tags = {
    team = var.name
  }
}

variable "imds_version" {
  type    = string
  default = "2"
}

variable "platform_identifier" {
  type    = string
  default = "notebook-al2023-v1"
}

variable "default_code_repository" {
  type    = string
  default = null
}
