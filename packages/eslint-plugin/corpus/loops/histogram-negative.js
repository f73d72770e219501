// Image statistics for a UI: divisions by 255 that never reach a model.
export function brightness(imageData) {
  let sum = 0;
  for (let i = 0; i < imageData.data.length; i += 4) {
    sum += (imageData.data[i] + imageData.data[i + 1] + imageData.data[i + 2]) / 3 / 255;
  }
  return sum / (imageData.data.length / 4);
}

export function toCss(r, g, b, a) {
  return `rgba(${r}, ${g}, ${b}, ${a / 255})`;
}
