"""The work behind the routes and pages: store queries → API schemas (no HTTP here)."""
