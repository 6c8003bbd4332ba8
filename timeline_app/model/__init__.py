"""The Qt-free core: storage, schema, queries, import and date logic."""
