"""The service: `main.create_app()` builds the application, `main.app` is what uvicorn serves."""
