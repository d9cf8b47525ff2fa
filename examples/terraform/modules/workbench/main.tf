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

resource "google_workbench_instance" "this" {
  name     = var.name
  location = var.location

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = var.disable_public_ip

    network_interfaces {
      network = var.network
      subnet  = var.subnet
    }

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
