# An ML platform on Vertex AI as teams often start it: it works, and it fails most of mlguard's
# GCP controls. Compare with ../vertex-secure.

provider "google" {
  project = var.project
  region  = var.region
}

resource "google_compute_network" "ml" {
  name                    = "ml"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "ml" {
  name          = "ml"
  region        = var.region
  network       = google_compute_network.ml.id
  ip_cidr_range = "10.10.0.0/24"
}

# --- Encryption: a key that is never rotated ----------------------------------------------------

resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = var.region
}

resource "google_kms_crypto_key" "ml" {
  name     = "ml-data"
  key_ring = google_kms_key_ring.ml.id
}

# --- Data: Google-managed keys, no retention ----------------------------------------------------

module "buckets" {
  source   = "../modules/gcs-bucket"
  for_each = var.buckets

  name           = "${var.project}-${each.key}"
  retention_days = each.value
  labels         = { ml-data-class = each.key }

  prevent_public_access = false
}

# --- Workbench instances: external IPs, Google-managed disk keys ---------------------------------

module "workbench" {
  source   = "../modules/workbench"
  for_each = var.teams

  name              = "${each.key}-workbench"
  network           = google_compute_network.ml.id
  subnet            = google_compute_subnetwork.ml.id
  disable_public_ip = var.disable_public_ip
  hardened          = false
}
