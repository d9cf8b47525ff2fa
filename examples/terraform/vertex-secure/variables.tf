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
  description = "Bucket suffix → locked retention in days."
  default = {
    training-data   = 30
    model-artifacts = 365
  }
}
