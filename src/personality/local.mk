# owned by the personality component
