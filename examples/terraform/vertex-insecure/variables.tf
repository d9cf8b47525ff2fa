variable "project" {
  type    = string
  default = "acme-ml-prod"
}

variable "region" {
  type    = string
  default = "us-central1"
}

variable "teams" {
  type    = set(string)
  default = ["fraud", "forecasting"]
}

variable "buckets" {
  type        = map(number)
  description = "Bucket suffix → locked retention in days (0: none)."
  default = {
    training-data   = 0
    model-artifacts = 0
  }
}

# Workbench instances get an external IP unless this is true.
variable "disable_public_ip" {
  type    = bool
  default = false
}
