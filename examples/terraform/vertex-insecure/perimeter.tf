# --- A perimeter trialled in dry-run and never enforced, missing Vertex AI, with an open egress rule

resource "google_access_context_manager_service_perimeter" "ml" {
  parent                    = "accessPolicies/123456"
  name                      = "accessPolicies/123456/servicePerimeters/ml"
  title                     = "ml"
  use_explicit_dry_run_spec = true

  spec {
    resources           = ["projects/123456789012"]
    restricted_services = ["storage.googleapis.com"]

    egress_policies {
      egress_from {
        identity_type = "ANY_IDENTITY"
      }
      egress_to {
        resources = ["*"]
        operations {
          service_name = "*"
        }
      }
    }
  }
}
