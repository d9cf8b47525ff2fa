resource "google_service_account" "trainer" {
  account_id = "trainer"
}

# A basic role: edit access to everything in the project.
resource "google_project_iam_member" "trainer" {
  project = var.project
  role    = "roles/editor"
  member  = "serviceAccount:trainer@${var.project}.iam.gserviceaccount.com"
}

# "Share the model with the partner": anyone on the internet can read it.
resource "google_storage_bucket_iam_member" "public_models" {
  bucket = module.buckets["model-artifacts"].name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_vertex_ai_endpoint" "serving" {
  name         = "serving"
  display_name = "serving"
  location     = var.region
}

resource "google_vertex_ai_endpoint_iam_policy" "serving" {
  project  = var.project
  location = var.region
  endpoint = google_vertex_ai_endpoint.serving.name
  policy_data = jsonencode({
    bindings = [
      {
        role    = "roles/aiplatform.user"
        members = ["allAuthenticatedUsers", "group:ml-consumers@example.com"]
      },
    ]
  })
}

# A downloadable key for the training service account, checked into CI secrets.
resource "google_service_account_key" "trainer" {
  service_account_id = google_service_account.trainer.name
}

# The platform team administers the data key and can also decrypt with it.
resource "google_kms_key_ring_iam_member" "platform_admin" {
  key_ring_id = google_kms_key_ring.ml.id
  role        = "roles/cloudkms.admin"
  member      = "group:ml-platform@example.com"
}

resource "google_kms_crypto_key_iam_member" "platform_decrypt" {
  crypto_key_id = google_kms_crypto_key.ml.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "group:ml-platform@example.com"
}
