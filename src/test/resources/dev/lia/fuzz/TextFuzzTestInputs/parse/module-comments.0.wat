0(module
  (;comment(;nested(;further;)nested;)comment;)
)
