# The same ML platform as ../vertex-insecure, hardened: CMEK everywhere with rotated keys, locked
# retention, no external IPs, no basic roles, no public members. mlguard reports nothing here.

provider "google" {
  project = var.project
  region  = var.region
}

resource "google_compute_network" "ml" {
  name                    = "ml"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "ml" {
  name                     = "ml"
  region                   = var.region
  network                  = google_compute_network.ml.id
  ip_cidr_range            = "10.10.0.0/24"
  private_ip_google_access = true
}

# --- Encryption: one rotated key per purpose ----------------------------------------------------

resource "google_kms_key_ring" "ml" {
  name     = "ml"
  location = var.region
}

resource "google_kms_crypto_key" "ml" {
  for_each        = toset(["data", "workbench"])
  name            = "ml-${each.key}"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s" # 90 days
}

# --- Data: CMEK and locked retention -------------------------------------------------------------

module "buckets" {
  source   = "../modules/gcs-bucket"
  for_each = var.buckets

  name           = "${var.project}-${each.key}"
  kms_key_name   = google_kms_crypto_key.ml["data"].id
  retention_days = each.value
  labels         = { ml-data-class = each.key }
}

# --- Workbench instances: no external IP, CMEK disks --------------------------------------------

resource "google_service_account" "workbench" {
  for_each     = var.teams
  account_id   = "${each.key}-workbench"
  display_name = "Workbench ${each.key} (dedicated)"
}

module "workbench" {
  source   = "../modules/workbench"
  for_each = var.teams

  name    = "${each.key}-workbench"
  network = google_compute_network.ml.id
  subnet  = google_compute_subnetwork.ml.id
  kms_key = google_kms_crypto_key.ml["workbench"].id

  service_account = google_service_account.workbench[each.key].email
  owner           = "${each.key}-lead@example.com"
}
