# owned by the daemon component
