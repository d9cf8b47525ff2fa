# --- A legacy user-managed notebook and a Colab Enterprise template, both with their defaults ------

resource "google_notebooks_instance" "legacy" {
  name         = "legacy-research"
  location     = "${var.region}-a"
  machine_type = "n1-standard-4"
}

resource "google_colab_runtime_template" "analysts" {
  name         = "analysts"
  location     = var.region
  display_name = "analysts"

  network_spec {
    enable_internet_access = true
  }
}
