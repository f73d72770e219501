;; Pillow's 8-bit separable convolution passes (Resample.c ImagingResampleHorizontal_8bpc /
;; ImagingResampleVertical_8bpc) with SIMD128. The arithmetic is Pillow's own: unsigned 8-bit
;; samples times signed 22-bit fixed-point weights, summed in int32 from 1 << 21, then shifted
;; right by 22 (arithmetic) and clamped to 0..255. i32x4.mul/add wrap like C int on every
;; target, and Pillow's weights keep |sum| < 2^31, so every lane equals Pillow's value.
;;
;; The caller lays out all arrays in this module's memory and passes byte addresses. Loads and
;; stores may run up to 16 bytes past the end of the source and output arrays (see each pass),
;; so the caller leaves that much slack after each.
(module
  (memory (export "memory") 1)

  ;; Horizontal pass for 1..4 interleaved bands. One output pixel per step: its bands sit in
  ;; the lanes of one i32x4, so each tap is one 4-byte load, two widenings, a mul and an add.
  ;; Lanes past `bands` hold the next pixel's samples; their sums are discarded because the
  ;; 4-byte store of the next output pixel overwrites them (the last one lands in the slack).
  ;;   src, srcStride  first source row and the byte distance between rows
  ;;   rows, outW      rows to filter, output pixels per row
  ;;   bands           bytes per pixel (1..4)
  ;;   weights, ksize  int32 weights, ksize per output pixel
  ;;   start, count    int32 per output pixel: byte offset of its first tap in a row, tap count
  ;;   out             outW * bands bytes per row, rows packed
  (func (export "horizontal")
    (param $src i32) (param $srcStride i32) (param $rows i32) (param $outW i32) (param $bands i32)
    (param $weights i32) (param $ksize i32) (param $start i32) (param $count i32) (param $out i32)
    (local $y i32) (local $x i32) (local $row i32) (local $p i32)
    (local $w i32) (local $wEnd i32) (local $acc v128) (local $sum v128)
    (local.set $ksize (i32.shl (local.get $ksize) (i32.const 2)))
    (local.set $row (local.get $src))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $x (i32.const 0))
        (block $pixelsDone
          (loop $pixelLoop
            (br_if $pixelsDone (i32.ge_u (local.get $x) (local.get $outW)))
            (local.set $p (i32.add (local.get $row)
              (i32.load (i32.add (local.get $start) (i32.shl (local.get $x) (i32.const 2))))))
            (local.set $w (i32.add (local.get $weights) (i32.mul (local.get $x) (local.get $ksize))))
            (local.set $wEnd (i32.add (local.get $w) (i32.shl
              (i32.load (i32.add (local.get $count) (i32.shl (local.get $x) (i32.const 2))))
              (i32.const 2))))
            (local.set $acc (i32x4.splat (i32.const 0x200000)))
            (block $tapsDone
              (loop $tapLoop
                (br_if $tapsDone (i32.ge_u (local.get $w) (local.get $wEnd)))
                (local.set $acc (i32x4.add (local.get $acc)
                  (i32x4.mul
                    (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                      (v128.load32_zero (local.get $p))))
                    (i32x4.splat (i32.load (local.get $w))))))
                (local.set $p (i32.add (local.get $p) (local.get $bands)))
                (local.set $w (i32.add (local.get $w) (i32.const 4)))
                (br $tapLoop)))
            ;; >> 22, then the two saturating narrowings clamp to 0..255 (only lanes 0..3 count).
            (local.set $sum (i32x4.shr_s (local.get $acc) (i32.const 22)))
            (v128.store32_lane 0 (local.get $out)
              (i8x16.narrow_i16x8_u
                (i16x8.narrow_i32x4_s (local.get $sum) (local.get $sum))
                (i16x8.narrow_i32x4_s (local.get $sum) (local.get $sum))))
            (local.set $out (i32.add (local.get $out) (local.get $bands)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $pixelLoop)))
        (local.set $row (i32.add (local.get $row) (local.get $srcStride)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rowLoop))))

  ;; Vertical pass: bands do not matter, every byte of a row is filtered alike. 16 bytes of a
  ;; row per step, summed in four i32x4 accumulators down the tap rows. The last step of a row
  ;; reads and writes up to 15 bytes too far: into the next row (rewritten by its own turn) or
  ;; into the slack.
  ;;   src, srcStride  source base and byte distance between rows
  ;;   outH, rowBytes  output rows and bytes per output row (packed)
  ;;   weights, ksize  int32 weights, ksize per output row
  ;;   start, count    int32 per output row: byte offset of its first tap row from src, tap count
  (func (export "vertical")
    (param $src i32) (param $srcStride i32) (param $outH i32) (param $rowBytes i32)
    (param $weights i32) (param $ksize i32) (param $start i32) (param $count i32) (param $out i32)
    (local $y i32) (local $i i32) (local $base i32) (local $p i32)
    (local $wFirst i32) (local $w i32) (local $wEnd i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $weight v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $ksize (i32.shl (local.get $ksize) (i32.const 2)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $outH)))
        (local.set $base (i32.add (local.get $src)
          (i32.load (i32.add (local.get $start) (i32.shl (local.get $y) (i32.const 2))))))
        (local.set $wFirst (i32.add (local.get $weights) (i32.mul (local.get $y) (local.get $ksize))))
        (local.set $wEnd (i32.add (local.get $wFirst) (i32.shl
          (i32.load (i32.add (local.get $count) (i32.shl (local.get $y) (i32.const 2))))
          (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $chunksDone
          (loop $chunkLoop
            (br_if $chunksDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $a0 (i32x4.splat (i32.const 0x200000)))
            (local.set $a1 (local.get $a0))
            (local.set $a2 (local.get $a0))
            (local.set $a3 (local.get $a0))
            (local.set $p (i32.add (local.get $base) (local.get $i)))
            (local.set $w (local.get $wFirst))
            (block $tapsDone
              (loop $tapLoop
                (br_if $tapsDone (i32.ge_u (local.get $w) (local.get $wEnd)))
                (local.set $v (v128.load (local.get $p)))
                (local.set $weight (i32x4.splat (i32.load (local.get $w))))
                (local.set $lo (i16x8.extend_low_i8x16_u (local.get $v)))
                (local.set $hi (i16x8.extend_high_i8x16_u (local.get $v)))
                (local.set $a0 (i32x4.add (local.get $a0)
                  (i32x4.mul (i32x4.extend_low_i16x8_u (local.get $lo)) (local.get $weight))))
                (local.set $a1 (i32x4.add (local.get $a1)
                  (i32x4.mul (i32x4.extend_high_i16x8_u (local.get $lo)) (local.get $weight))))
                (local.set $a2 (i32x4.add (local.get $a2)
                  (i32x4.mul (i32x4.extend_low_i16x8_u (local.get $hi)) (local.get $weight))))
                (local.set $a3 (i32x4.add (local.get $a3)
                  (i32x4.mul (i32x4.extend_high_i16x8_u (local.get $hi)) (local.get $weight))))
                (local.set $p (i32.add (local.get $p) (local.get $srcStride)))
                (local.set $w (i32.add (local.get $w) (i32.const 4)))
                (br $tapLoop)))
            (v128.store (i32.add (local.get $out) (local.get $i))
              (i8x16.narrow_i16x8_u
                (i16x8.narrow_i32x4_s
                  (i32x4.shr_s (local.get $a0) (i32.const 22))
                  (i32x4.shr_s (local.get $a1) (i32.const 22)))
                (i16x8.narrow_i32x4_s
                  (i32x4.shr_s (local.get $a2) (i32.const 22))
                  (i32x4.shr_s (local.get $a3) (i32.const 22)))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $chunkLoop)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rowLoop))))
)
