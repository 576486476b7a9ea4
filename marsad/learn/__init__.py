"""Learning the extractor's models from gold files: alignment, training, cross-validation.

This layer sits above ``pipeline`` (it analyses the gold texts with it) and needs the optional
``train`` extra (scikit-learn); the models it writes run with numpy alone.
"""
