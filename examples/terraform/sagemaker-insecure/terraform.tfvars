# Loaded automatically, as by `terraform plan`.
root_access = "Enabled"
