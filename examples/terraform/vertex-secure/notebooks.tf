# --- Colab Enterprise: runtimes on the private subnet, no internet, CMEK, Secure Boot ------------

resource "google_colab_runtime_template" "analysts" {
  name         = "analysts"
  location     = var.region
  display_name = "analysts"

  machine_spec {
    machine_type = "e2-standard-4"
  }

  network_spec {
    enable_internet_access = false
    network                = google_compute_network.ml.id
    subnetwork             = google_compute_subnetwork.ml.id
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.ml["workbench"].id
  }

  shielded_vm_config {
    enable_secure_boot = true
  }
}

# --- A legacy user-managed notebook kept until its migration to Workbench, held to the same bar ---

resource "google_service_account" "legacy_notebook" {
  account_id   = "legacy-notebook"
  display_name = "Legacy notebook (dedicated)"
}

resource "google_notebooks_instance" "legacy" {
  name            = "legacy-research"
  location        = "${var.region}-a"
  machine_type    = "n1-standard-4"
  no_public_ip    = true
  network         = google_compute_network.ml.id
  subnet          = google_compute_subnetwork.ml.id
  disk_encryption = "CMEK"
  kms_key         = google_kms_crypto_key.ml["workbench"].id
  service_account = google_service_account.legacy_notebook.email
  metadata = {
    "notebook-disable-root" = "true"
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}
