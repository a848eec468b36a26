"""Geography (province → county → district → constituency → polling station) and elections."""
