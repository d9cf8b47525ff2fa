variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "teams" {
  type        = map(object({ subnet = string }))
  description = "One notebook per team, and the subnet it runs in (\"\" for none)."
  default = {
    fraud       = { subnet = "public" }
    forecasting = { subnet = "" }
  }
}

# Left at its default, this gives every notebook a route to the internet outside the VPC.
variable "internet_access" {
  type    = string
  default = "Enabled"
}

variable "root_access" {
  type    = string
  default = "Disabled"
}
