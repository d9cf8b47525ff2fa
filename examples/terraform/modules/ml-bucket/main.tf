# An S3 bucket for training data or model artifacts. Default encryption, Object Lock, versioning,
# retention, the public access block and the TLS-only policy are inputs, so a caller can get them
# wrong; mlguard checks the result.

variable "name" {
  type        = string
  description = "Bucket name."
}

variable "sse_algorithm" {
  type        = string
  default     = "AES256"
  description = "Default encryption: AES256 (S3-managed keys) or aws:kms."
}

variable "kms_key_arn" {
  type        = string
  default     = null
  description = "Customer-managed KMS key for aws:kms."
}

variable "object_lock" {
  type        = bool
  default     = false
  description = "Enable S3 Object Lock so approved artifacts cannot be overwritten."
}

variable "versioning" {
  type        = bool
  default     = false
  description = "Enable versioning (Object Lock at creation also turns it on)."
}

variable "retention_days" {
  type        = number
  default     = null
  description = "Default Object Lock retention in days; null: no default retention."
}

variable "retention_mode" {
  type    = string
  default = "COMPLIANCE"
}

variable "block_public_access" {
  type        = bool
  default     = true
  description = "Set all four public access block flags."
}

variable "tls_only" {
  type        = bool
  default     = false
  description = "Attach a bucket policy that denies requests without TLS."
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket              = var.name
  object_lock_enabled = var.object_lock
  tags                = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = var.block_public_access
  block_public_policy     = var.block_public_access
  ignore_public_acls      = var.block_public_access
  restrict_public_buckets = var.block_public_access
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  count  = var.versioning ? 1 : 0
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  count  = var.retention_days == null ? 0 : 1
  bucket = aws_s3_bucket.this.id

  rule {
    default_retention {
      mode = var.retention_mode
      days = var.retention_days
    }
  }
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

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

resource "aws_s3_bucket_policy" "this" {
  count  = var.tls_only ? 1 : 0
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
