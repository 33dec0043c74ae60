0(module
  (;comment;;comment(;nested;)comment;)
)
