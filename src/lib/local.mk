# owned by the lib component
