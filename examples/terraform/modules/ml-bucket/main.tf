# An S3 bucket for training data or model artifacts. Default encryption and Object Lock are
# inputs, so a caller can get them wrong; mlguard checks the result.

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
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
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
