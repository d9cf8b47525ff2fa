resource "google_service_account" "trainer" {
  account_id = "trainer"
}

# A predefined role scoped to what training needs.
resource "google_project_iam_member" "trainer" {
  project = var.project
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:trainer@${var.project}.iam.gserviceaccount.com"
}

# The partner reads models through a group, not the public internet.
resource "google_storage_bucket_iam_member" "partner_models" {
  bucket = module.buckets["model-artifacts"].name
  role   = "roles/storage.objectViewer"
  member = "group:partner-ml@example.com"
}

resource "google_vertex_ai_endpoint" "serving" {
  name         = "serving"
  display_name = "serving"
  location     = var.region

  encryption_spec {
    kms_key_name = google_kms_crypto_key.ml["data"].id
  }

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project]
  }
}

resource "google_vertex_ai_endpoint_iam_policy" "serving" {
  project  = var.project
  location = var.region
  endpoint = google_vertex_ai_endpoint.serving.name
  policy_data = jsonencode({
    bindings = [
      {
        role    = "roles/aiplatform.user"
        members = ["group:ml-consumers@example.com"]
      },
    ]
  })
}
