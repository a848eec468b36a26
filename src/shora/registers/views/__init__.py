"""The register's pages: for officials (signed in, by unit) and the public look-up."""
