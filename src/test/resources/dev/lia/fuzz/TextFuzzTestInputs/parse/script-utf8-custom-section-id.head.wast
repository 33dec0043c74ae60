1(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\80"                       ;; "\80"
  )
  "malformed UTF-8 encoding"
)
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\8f"                       ;; "\8f"
  )
  "malformed UTF-8 encoding"
)
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\90"                       ;; "\90"
  )
  "malformed UTF-8 encoding"
)
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\9f"                       ;; "\9f"
  )
  "malformed UTF-8 encoding"
)
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\a0"                       ;; "\a0"
  )
  "malformed UTF-8 encoding"
)
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\00\02"                       ;; custom section
    "\01\bf"                       ;; "\bf"
  )
  "malformed UTF-8 encoding"
)
