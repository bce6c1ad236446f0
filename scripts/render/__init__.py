"""What readers see, made from the model: HTML views, the PDFs, model.json, the assessment."""
