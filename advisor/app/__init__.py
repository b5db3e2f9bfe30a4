"""What the web app may do and for whom (``Portal``), and the wiring that builds everything."""
