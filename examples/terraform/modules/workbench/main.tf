# A Vertex AI Workbench instance for one team.

variable "name" {
  type = string
}

variable "location" {
  type    = string
  default = "us-central1-a"
}

variable "network" {
  type = string
}

variable "subnet" {
  type = string
}

variable "disable_public_ip" {
  type    = bool
  default = true
}

variable "kms_key" {
  type        = string
  default     = null
  description = "Cloud KMS key for the boot and data disks; null uses Google-managed keys."
}

variable "service_account" {
  type        = string
  default     = null
  description = "E-mail of the instance's dedicated service account; null runs it as the Compute Engine default."
}

variable "owner" {
  type        = string
  default     = null
  description = "The single user of the instance; null lets every user of the service account open it."
}

variable "hardened" {
  type        = bool
  default     = true
  description = "Shielded VM with Secure Boot, root access, downloads, nbconvert and the terminal off, weekly auto-upgrade."
}

resource "google_workbench_instance" "this" {
  name            = var.name
  location        = var.location
  instance_owners = var.owner == null ? null : [var.owner]

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = var.disable_public_ip

    network_interfaces {
      network = var.network
      subnet  = var.subnet
    }

    dynamic "service_accounts" {
      for_each = var.service_account == null ? [] : [var.service_account]
      content {
        email = service_accounts.value
      }
    }

    shielded_instance_config {
      enable_secure_boot          = var.hardened
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    metadata = var.hardened ? {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-nbconvert" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "0 3 * * SUN"
    } : {}

    dynamic "boot_disk" {
      for_each = var.kms_key == null ? [] : [var.kms_key]
      content {
        disk_encryption = "CMEK"
        kms_key         = boot_disk.value
      }
    }

    dynamic "data_disks" {
      for_each = var.kms_key == null ? [] : [var.kms_key]
      content {
        disk_size_gb    = 200
        disk_encryption = "CMEK"
        kms_key         = data_disks.value
      }
    }
  }

  labels = {
    team = var.name
  }
}
