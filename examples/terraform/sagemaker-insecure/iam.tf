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
