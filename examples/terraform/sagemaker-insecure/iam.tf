resource "aws_iam_role" "sagemaker" {
  name = "ml-notebooks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# "Just make it work": administrator access for the notebooks.
resource "aws_iam_policy" "notebooks" {
  name = "ml-notebooks"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

# Lets the pipeline hand any role in the account to any service.
data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "StartTraining"
    actions   = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"]
    resources = ["arn:aws:sagemaker:${var.region}:${var.account_id}:training-job/*"]
  }

  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "pipeline" {
  name   = "ml-pipeline"
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_iam_role_policy_attachment" "notebooks" {
  role       = aws_iam_role.sagemaker.name
  policy_arn = aws_iam_policy.notebooks.arn
}

# "Data scientists need S3": every S3 action, and everything outside IAM.
resource "aws_iam_role_policy" "notebooks_extra" {
  role = aws_iam_role.sagemaker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "AllOfS3", Effect = "Allow", Action = "s3:*", Resource = "*" },
      { Sid = "AllButIam", Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "notebooks_admin" {
  role       = aws_iam_role.sagemaker.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# A vendor integration that any principal of any account can assume.
resource "aws_iam_role" "vendor" {
  name = "ml-vendor-integration"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
    }]
  })
}
