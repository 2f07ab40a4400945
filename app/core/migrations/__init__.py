"""Schema versions. File NNNN_name.sql brings the database to PRAGMA user_version NNNN."""
