# owned by the cli component
