export default function Home() {
  return <main>Orders</main>;
}
