# A Cloud Storage bucket for training data or model artifacts. CMEK and a locked retention policy
# are inputs (dynamic blocks), so a caller can leave them out; mlguard checks the result.

variable "name" {
  type = string
}

variable "location" {
  type    = string
  default = "US-CENTRAL1"
}

variable "kms_key_name" {
  type        = string
  default     = null
  description = "Cloud KMS key for CMEK; null leaves the bucket on Google-managed keys."
}

variable "retention_days" {
  type        = number
  default     = 0
  description = "Locked retention period in days; 0 sets no retention policy."
}

variable "prevent_public_access" {
  type        = bool
  default     = true
  description = "Uniform bucket-level access and enforced public access prevention."
}

variable "labels" {
  type    = map(string)
  default = {}
}

resource "google_storage_bucket" "this" {
  name                        = var.name
  location                    = var.location
  uniform_bucket_level_access = var.prevent_public_access
  public_access_prevention    = var.prevent_public_access ? "enforced" : "inherited"
  labels                      = var.labels

  dynamic "encryption" {
    for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
    content {
      default_kms_key_name = encryption.value
    }
  }

  dynamic "retention_policy" {
    for_each = var.retention_days > 0 ? [var.retention_days] : []
    content {
      retention_period = retention_policy.value * 86400
      is_locked        = true
    }
  }
}

output "name" {
  value = google_storage_bucket.this.name
}
