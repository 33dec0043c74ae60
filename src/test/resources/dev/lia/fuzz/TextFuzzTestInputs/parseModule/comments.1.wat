(module
  (;comment;;comment(;nested;)comment;)
)
