# An ML platform on SageMaker as teams often start it: it works, and it fails most of mlguard's
# AWS controls. Compare with ../sagemaker-secure.

provider "aws" {
  region = var.region
}

locals {
  buckets = toset(["training-data", "model-artifacts"])
}

# --- Network: the only subnet routes to an internet gateway -------------------------------------

resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.ml.id
  cidr_block              = "10.20.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "notebooks" {
  vpc_id = aws_vpc.ml.id
}

# --- Encryption ---------------------------------------------------------------------------------

resource "aws_kms_key" "ml" {
  description = "ML data"
}

# --- Data: no customer-managed key, no Object Lock ---------------------------------------------

module "buckets" {
  source   = "../modules/ml-bucket"
  for_each = local.buckets

  name                = "acme-ml-${each.key}"
  block_public_access = false
  # Said explicitly: left to the module's defaults, its optional versioning, Object Lock retention and
  # TLS-only policy resources would be checked as templates ("when instantiated") instead.
  versioning          = false
  retention_days      = null
  tls_only            = false
  tags                = { ml-data-class = each.key }
}

# --- Notebooks ----------------------------------------------------------------------------------

module "notebook" {
  source   = "../modules/notebook"
  for_each = var.teams

  name                   = "${each.key}-notebook"
  role_arn               = aws_iam_role.sagemaker.arn
  subnet_id              = each.value.subnet == "public" ? aws_subnet.public.id : null
  security_group_ids     = each.value.subnet == "" ? [] : [aws_security_group.notebooks.id]
  direct_internet_access = var.internet_access
  root_access            = var.root_access
  imds_version           = "1"
  platform_identifier    = "notebook-al2-v2"

  default_code_repository = "https://github.com/acme/${each.key}-notebooks.git"
}

# --- Images: mutable tags, no scanning, the AWS-managed aws/ecr key -----------------------------

resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = "alias/aws/ecr"
  }
}

# --- A shared key anyone can use, with a short deletion window -----------------------------------

resource "aws_kms_key" "shared" {
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EveryoneMayDecrypt"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

# --- An S3 endpoint with the default full-access policy -----------------------------------------

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.ml.id
  service_name = "com.amazonaws.${var.region}.s3"
}

# --- IPv6 egress from the notebook subnet through an egress-only gateway ---------------------------

resource "aws_egress_only_internet_gateway" "ipv6" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route" "public_ipv6" {
  route_table_id              = aws_route_table.public.id
  destination_ipv6_cidr_block = "::/0"
  egress_only_gateway_id      = aws_egress_only_internet_gateway.ipv6.id
}
