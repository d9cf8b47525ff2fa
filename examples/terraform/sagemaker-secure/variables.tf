variable "account_id" {
  type    = string
  default = "111122223333"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "teams" {
  type        = set(string)
  description = "One notebook per team."
  default     = ["fraud", "forecasting"]
}

variable "private_subnets" {
  type = map(string)
  default = {
    a = "10.20.1.0/24"
    b = "10.20.2.0/24"
  }
}
