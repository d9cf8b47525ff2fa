# --- VPC Service Controls: an enforced perimeter around the ML project --------------------------

resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123456"
  name   = "accessPolicies/123456/servicePerimeters/ml"
  title  = "ml"

  status {
    resources = ["projects/123456789012"]
    restricted_services = [
      "aiplatform.googleapis.com",
      "notebooks.googleapis.com",
      "storage.googleapis.com",
      "cloudkms.googleapis.com",
      "artifactregistry.googleapis.com",
    ]

    vpc_accessible_services {
      enable_restriction = true
      allowed_services   = ["RESTRICTED-SERVICES"]
    }
  }
}

# --- Data Access audit logs (the provider's project) ----------------------------------------------

resource "google_project_iam_audit_config" "ml" {
  for_each = toset(["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com", "cloudkms.googleapis.com"])
  service  = each.key

  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
