"""The only code that knows a site engine: glue that runs the core from MkDocs."""
