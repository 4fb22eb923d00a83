// The review pages' style sheet and keyboard script, inlined into every page so that a page is
// one self-contained file: it opens from a mail attachment or a shared folder with no network.

/** Colours meet WCAG AA (4.5:1) for their text; every state also has a written label, so colour
 *  is never the only signal. */
export const REVIEW_CSS = `
:root{--ink:#1d2433;--muted:#4d5566;--line:#d5d9e0;--bg:#f6f7f9;--card:#fff;--focus:#1a56db;
--new:#b42318;--new-bg:#fde8e7;--mt:#b54708;--mt-bg:#fef0c7;--translated:#175cd3;--translated-bg:#e0ecff;
--reviewed:#067647;--reviewed-bg:#dcfae6;--final:#5925dc;--final-bg:#ebe9fe;--error:#b42318;--warning:#93370d}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{max-width:78rem;margin:0 auto;padding:0 1rem}
header.page{background:var(--card);border-bottom:1px solid var(--line);padding:1rem 0 1.25rem}
header.page nav{font-size:.9rem;margin-bottom:.5rem}
.eyebrow{margin:0;color:var(--muted);font-size:.9rem;font-weight:600;letter-spacing:.02em}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .3rem;overflow-wrap:anywhere}
.meta{margin:0;color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.progress{margin:1rem 0 .5rem}
.progress p{margin:0 0 .3rem;font-weight:600}
.bar{display:flex;height:.8rem;border-radius:.4rem;overflow:hidden;background:var(--line)}
.bar span{display:block;height:100%}
.counts{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem .6rem;margin:.6rem 0 0;padding:0}
.counts li{display:flex;align-items:center;gap:.35rem;border:1px solid var(--line);border-radius:1rem;padding:.1rem .65rem;font-size:.9rem;background:var(--card)}
.counts .swatch{width:.75rem;height:.75rem;border-radius:50%;display:inline-block}
.counts li.issue{border-color:var(--error);color:var(--error);font-weight:600}
.counts li.warn{border-color:var(--warning);color:var(--warning);font-weight:600}
.toolbar{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--line);padding:.6rem 0}
.toolbar .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.5rem}
.filter{display:flex;align-items:center;gap:.5rem;font-weight:600;cursor:pointer;padding:.35rem .8rem;border:2px solid var(--ink);border-radius:.5rem;background:var(--card)}
.filter input{width:1.15rem;height:1.15rem;margin:0;accent-color:var(--ink)}
.filter small{font-weight:400;color:var(--muted)}
.keys{margin:0;font-size:.85rem;color:var(--muted)}
kbd{font:inherit;font-weight:600;border:1px solid var(--line);border-bottom-width:2px;border-radius:.25rem;padding:0 .3rem;background:var(--card)}
.legend{list-style:none;margin:.75rem 0 0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.25rem 1rem;font-size:.85rem;color:var(--muted)}
.legend b{color:var(--ink)}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);padding:1rem 1rem .25rem 1.4rem}
main{padding-bottom:3rem}
.block{margin:0 0 1rem;background:var(--card);border:1px solid var(--line);border-radius:.6rem;overflow:hidden}
.block h2{font-size:.8rem;font-weight:700;color:var(--muted);margin:0;padding:.4rem 1rem;border-bottom:1px solid var(--line);background:#fbfbfc}
.segments{list-style:none;margin:0;padding:0}
.seg{display:grid;grid-template-columns:1fr 1fr;gap:.3rem 1.5rem;padding:.7rem 1rem .8rem .9rem;border-left:.4rem solid var(--state);border-top:1px solid var(--line);scroll-margin-top:4.5rem}
.seg:first-child{border-top:0}
.seg:focus{outline:3px solid var(--focus);outline-offset:-3px}
.seg.state-new{--state:var(--new);--state-bg:var(--new-bg)}
.seg.state-mt{--state:var(--mt);--state-bg:var(--mt-bg)}
.seg.state-translated{--state:var(--translated);--state-bg:var(--translated-bg)}
.seg.state-reviewed{--state:var(--reviewed);--state-bg:var(--reviewed-bg)}
.seg.state-final{--state:var(--final);--state-bg:var(--final-bg)}
.src p,.tgt p{margin:0}
.src{color:#2d3444}
.segid{font-size:.75rem;color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.35rem}
.tgt .text{font-size:1.02rem}
.tgt .missing{color:var(--muted);font-style:italic}
.info{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .6rem;margin:0 0 .2rem;font-size:.8rem;color:var(--muted)}
.badge{display:inline-block;font-weight:700;font-size:.75rem;border-radius:.25rem;padding:.05rem .45rem;background:var(--state-bg);color:var(--ink);border:1px solid var(--state)}
.findings{list-style:none;margin:.4rem 0 0;padding:0}
.finding{font-size:.9rem;border-radius:.3rem;padding:.25rem .5rem;margin-top:.25rem}
.finding.error{background:#fef3f2;color:var(--error);border:1px solid #fda29b}
.finding.warning{background:#fffaeb;color:var(--warning);border:1px solid #fedf89}
.diff{margin:.45rem 0 0;font-size:.9rem;background:#f8f9fb;border:1px dashed var(--line);border-radius:.3rem;padding:.3rem .5rem}
.diff p{margin:0}
.diff .label{font-size:.78rem;color:var(--muted);font-weight:600}
del{background:#fee4e2;color:#7a271a;text-decoration:line-through}
ins{background:#d1fadf;color:#054f31;text-decoration:underline}
.foreign blockquote{margin:0;padding:.7rem 1rem .8rem 1.3rem;color:#2d3444;font-style:italic}
.empty{display:none;margin:1rem 0;padding:1rem;background:var(--card);border:1px solid var(--line);border-radius:.6rem;font-weight:600}
body:has(#attention-only:checked) .seg:not(.attention),
body:has(#attention-only:checked) .block:not(:has(.attention)){display:none}
body:has(#attention-only:checked) .empty.show{display:block}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:.6rem;margin:1rem 0}
th,td{text-align:left;padding:.55rem .75rem;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
td.num{font-variant-numeric:tabular-nums}
td .bar{width:10rem;max-width:100%}
.chip.pair-open{border-right-style:dashed;border-radius:.8rem .1rem .1rem .8rem;margin-right:0}
.chip.pair-close{border-left-style:dashed;border-radius:.1rem .8rem .8rem .1rem;margin-left:0}
.chip{display:inline-block;font-size:.85em;background:#eef1f6;border:1px solid #b8c0cc;border-radius:.8rem;padding:0 .45rem;margin:0 .1rem;color:#27303f;user-select:all;white-space:nowrap}
.app .actions,.edit-bar{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.45rem}
.app button{font:inherit;font-size:.85rem;padding:.2rem .7rem;border-radius:.35rem;border:1px solid var(--ink);background:var(--card);color:var(--ink);cursor:pointer}
.app button.approve,.app button.save,.app button.send-reject{background:var(--reviewed);border-color:var(--reviewed);color:#fff}
.app button.reject{border-color:var(--new);color:var(--new)}
.app .block h2 button{margin-left:.8rem;font-size:.75rem;padding:0 .5rem}
.text.editing{outline:2px solid var(--focus);border-radius:.2rem;padding:.15rem .3rem;background:#fff}
.reject-box{margin-top:.45rem}.reject-box textarea{display:block;width:100%;font:inherit;margin:.2rem 0 .3rem}
#app-status:not(:empty){position:fixed;right:1rem;bottom:1rem;background:var(--ink);color:#fff;padding:.4rem .8rem;border-radius:.4rem;z-index:20}
#app-alert:not(:empty){margin:1rem 0;padding:.8rem 1rem;border:2px solid var(--error);background:#fef3f2;color:var(--error);border-radius:.5rem}
#app-alert button{margin-left:.8rem}
@media (max-width:44rem){
  .columns,.keys{display:none}
  .legend{display:none}
  .seg{grid-template-columns:1fr}
  .tgt{border-top:1px dashed var(--line);padding-top:.35rem}
  h1{font-size:1.3rem}
  table,thead,tbody,tr,th,td{display:block}
  thead{position:absolute;left:-999px}
  tr{border-bottom:1px solid var(--line);padding:.4rem 0}
  td{border:0;padding:.15rem .75rem}
  td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
}
@media print{
  body{background:#fff;font-size:10.5pt}
  .skip,.toolbar,header.page nav,.keys{display:none}
  body:has(#attention-only:checked) .block{display:block}
  body:has(#attention-only:checked) .seg{display:grid}
  .block{border:1px solid #999;break-inside:auto}
  .seg{break-inside:avoid;display:grid}
  .badge,.bar span,.counts .swatch,del,ins{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;

/** Keyboard navigation between sentences; the filter itself is pure CSS and works without it. */
export const REVIEW_SCRIPT = `
(function(){
  var filter=document.getElementById('attention-only');
  function visible(){return Array.prototype.filter.call(document.querySelectorAll('.seg'),function(s){return s.offsetParent!==null;});}
  function move(step,onlyAttention){
    var segs=visible();if(onlyAttention)segs=segs.filter(function(s){return s.classList.contains('attention');});
    if(!segs.length)return;
    var current=document.activeElement&&document.activeElement.closest?document.activeElement.closest('.seg'):null;
    var all=visible();var at=current?all.indexOf(current):-1;var next;
    if(step>0){next=segs.find(function(s){return all.indexOf(s)>at;})||segs[0];}
    else{next=segs.slice().reverse().find(function(s){return at<0||all.indexOf(s)<at;})||segs[segs.length-1];}
    next.focus();
  }
  document.addEventListener('keydown',function(e){
    if(e.altKey||e.ctrlKey||e.metaKey)return;
    var t=e.target;if(t&&((t.tagName==='INPUT'&&t.type!=='checkbox')||t.tagName==='TEXTAREA'||t.isContentEditable))return;
    if(e.key==='j'){move(1,false);e.preventDefault();}
    else if(e.key==='k'){move(-1,false);e.preventDefault();}
    else if(e.key==='n'){move(1,true);e.preventDefault();}
    else if(e.key==='f'&&filter){filter.click();e.preventDefault();}
  });
})();
`;
