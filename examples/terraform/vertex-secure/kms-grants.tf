# CMEK only works when the Google service agent that encrypts can use the key
# (gcp-kms-service-agent-grants): Vertex AI for the endpoint, Cloud Storage for the
# buckets, Compute Engine for the Workbench disks. Grants on the key, not the project.

variable "project_number" {
  type        = string
  description = "Number of var.project (the Compute Engine service agent is named after it)."
  default     = "123456789012"
}

resource "google_project_service_identity" "vertex" {
  provider = google-beta
  project  = var.project
  service  = "aiplatform.googleapis.com"
}

data "google_storage_project_service_account" "gcs" {
  project = var.project
}

resource "google_kms_crypto_key_iam_member" "vertex_agent" {
  crypto_key_id = google_kms_crypto_key.ml["data"].id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${google_project_service_identity.vertex.email}"
}

resource "google_kms_crypto_key_iam_member" "gcs_agent" {
  crypto_key_id = google_kms_crypto_key.ml["data"].id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

resource "google_kms_crypto_key_iam_member" "compute_agent" {
  crypto_key_id = google_kms_crypto_key.ml["workbench"].id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${var.project_number}@compute-system.iam.gserviceaccount.com"
}
