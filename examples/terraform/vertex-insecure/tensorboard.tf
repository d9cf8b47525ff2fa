# CMEK without the service-agent grant: nothing gives the Vertex AI service agent
# roles/cloudkms.cryptoKeyEncrypterDecrypter on the key, so creation fails
# (gcp-kms-service-agent-grants).
resource "google_vertex_ai_tensorboard" "experiments" {
  project      = var.project
  region       = var.region
  display_name = "experiments"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.ml.id
  }
}
