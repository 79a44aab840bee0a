"""ImageCLEF site generator: core (data → pages), scoring engine, MkDocs plugin and CLI."""
