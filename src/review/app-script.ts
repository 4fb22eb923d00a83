// The editing script of the served review page (`pereklad review --serve`): approve, edit and
// reject per sentence, approve per paragraph and article, all by keyboard too. Plain browser
// JavaScript in a string, like the static page's script: no build step, nothing fetched. Every
// change is sent at once; the page then reloads from the XLIFF on disk, so what the editor sees is
// always what the file holds. A save the server refuses (the file moved on) is shown, and the
// editor's own text stays in the box so nothing typed is lost.
export const REVIEW_APP_SCRIPT = `
(function(){
  var cfg=JSON.parse(document.getElementById('pereklad-app').textContent);
  var T=cfg.text;
  var statusBox=document.getElementById('app-status');
  var alertBox=document.getElementById('app-alert');
  var busy=false;
  function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=text;return e;}
  function segs(){return Array.prototype.slice.call(document.querySelectorAll('.seg[data-base]'));}
  function base(seg){return JSON.parse(seg.getAttribute('data-base'));}
  function approvable(seg){var s=seg.getAttribute('data-state');return base(seg)!==null&&s!=='reviewed'&&s!=='final'&&!seg.hasAttribute('data-pseudo');}
  function nextAttention(seg){var all=Array.prototype.slice.call(document.querySelectorAll('.seg'));var i=all.indexOf(seg);
    for(var k=i+1;k<all.length;k++)if(all[k].classList.contains('attention'))return all[k];return null;}
  function showConflict(message,keep){
    alertBox.textContent='';alertBox.className='conflict';
    alertBox.appendChild(el('strong',null,T.conflict+' '));alertBox.appendChild(el('span',null,message));
    var b=el('button','reload',T.reload);b.type='button';b.addEventListener('click',function(){location.reload();});alertBox.appendChild(b);
    if(keep)keep.focus();
  }
  function save(edits,after,keep){
    if(busy)return;busy=true;statusBox.textContent=T.saving;alertBox.textContent='';alertBox.className='';
    fetch(cfg.api,{method:'POST',headers:{'Content-Type':'application/json','X-Pereklad-Token':cfg.token},
      body:JSON.stringify({lang:cfg.lang,articleId:cfg.articleId,hash:cfg.hash,edits:edits})})
    .then(function(r){return r.json().then(function(b){return {status:r.status,body:b};});})
    .then(function(res){
      busy=false;
      if(res.status===200){
        cfg.hash=res.body.hash;
        try{sessionStorage.setItem('pereklad-focus',after?after.id:'');sessionStorage.setItem('pereklad-status',T.saved+' ('+res.body.applied.length+')');}catch(e){}
        location.reload();
      }else if(res.status===409){statusBox.textContent='';showConflict(res.body.error,keep);}
      else{statusBox.textContent='';alertBox.className='failed';alertBox.textContent=T.failed+': '+res.body.error;if(keep)keep.focus();}
    },function(err){busy=false;statusBox.textContent='';alertBox.className='failed';alertBox.textContent=T.failed+': '+err;});
  }
  function approve(list,from){
    var edits=list.filter(approvable).map(function(s){return {segmentId:s.getAttribute('data-segment'),kind:'approve',base:base(s)};});
    if(edits.length)save(edits,nextAttention(from||list[list.length-1]));
  }
  function contentOf(box){
    var out=[];function text(t){if(!t)return;if(typeof out[out.length-1]==='string')out[out.length-1]+=t;else out.push(t);}
    function walk(n){Array.prototype.forEach.call(n.childNodes,function(c){
      if(c.nodeType===3)text(c.nodeValue.replace(/\\u00a0/g,' '));
      else if(c.nodeType===1&&c.classList.contains('chip'))out.push({code:c.getAttribute('data-code')});
      else if(c.nodeType===1&&c.tagName!=='BR')walk(c);});}
    walk(box);return out;
  }
  function chip(code){var c=el('span','chip'+(code.role?' pair-'+code.role:''),code.text);c.contentEditable='false';c.setAttribute('data-code',code.id);return c;}
  function edit(seg){
    if(seg.querySelector('.editing'))return;
    var box=seg.querySelector('.tgt .text');var created=false;
    if(!box){box=el('p','text');var missing=seg.querySelector('.tgt .missing');if(missing)missing.replaceWith(box);created=true;}
    var before=box.innerHTML;var tpl=seg.querySelector('template.chips');if(tpl&&!created)box.innerHTML=tpl.innerHTML;
    box.contentEditable='true';box.classList.add('editing');box.setAttribute('role','textbox');box.setAttribute('aria-label',T.edit);
    var bar=el('div','edit-bar');
    var codes=JSON.parse(seg.getAttribute('data-codes')||'[]');
    codes.forEach(function(code){
      var b=el('button','insert-code',T.insertCode+' '+code.text);b.type='button';
      b.addEventListener('click',function(){box.focus();var sel=getSelection();var c=chip(code);
        if(sel.rangeCount&&box.contains(sel.anchorNode)){var r=sel.getRangeAt(0);r.deleteContents();r.insertNode(c);r.setStartAfter(c);}else box.appendChild(c);});
      bar.appendChild(b);});
    var ok=el('button','save',T.save);ok.type='button';var no=el('button','cancel',T.cancel);no.type='button';
    bar.appendChild(ok);bar.appendChild(no);box.after(bar);
    function done(){box.contentEditable='false';box.classList.remove('editing');bar.remove();}
    ok.addEventListener('click',function(){save([{segmentId:seg.getAttribute('data-segment'),kind:'edit',base:base(seg),content:contentOf(box)}],nextAttention(seg)||seg,box);});
    no.addEventListener('click',function(){box.innerHTML=before;done();if(created)location.reload();seg.focus();});
    box.addEventListener('keydown',function(e){
      if(e.key==='Enter'&&(e.ctrlKey||e.metaKey)){ok.click();e.preventDefault();}
      else if(e.key==='Escape'){no.click();e.preventDefault();}
      else if(e.key==='Enter'){e.preventDefault();}
      e.stopPropagation();});
    box.focus();var range=document.createRange();range.selectNodeContents(box);range.collapse(false);var s=getSelection();s.removeAllRanges();s.addRange(range);
  }
  function reject(seg){
    if(seg.querySelector('.reject-box'))return;
    var wrap=el('div','reject-box');var label=el('label',null,T.rejectComment);var area=el('textarea');area.rows=2;label.appendChild(area);
    var ok=el('button','send-reject',T.reject);ok.type='button';var no=el('button','cancel',T.cancel);no.type='button';
    wrap.appendChild(label);wrap.appendChild(ok);wrap.appendChild(no);seg.querySelector('.tgt').appendChild(wrap);
    ok.addEventListener('click',function(){if(!area.value.trim()){area.focus();return;}
      save([{segmentId:seg.getAttribute('data-segment'),kind:'reject',base:base(seg),comment:area.value}],nextAttention(seg),area);});
    no.addEventListener('click',function(){wrap.remove();seg.focus();});
    area.addEventListener('keydown',function(e){if(e.key==='Enter'&&(e.ctrlKey||e.metaKey)){ok.click();e.preventDefault();}else if(e.key==='Escape'){no.click();e.preventDefault();}e.stopPropagation();});
    area.focus();
  }
  function button(cls,text,onClick){var b=el('button',cls,text);b.type='button';b.addEventListener('click',onClick);return b;}
  segs().forEach(function(seg){
    var bar=el('div','actions');var has=base(seg)!==null;
    if(has&&approvable(seg))bar.appendChild(button('approve',seg.querySelector('.previous.kept')?T.stillCorrect:T.approve,function(){approve([seg],seg);}));
    bar.appendChild(button('edit',T.edit,function(){edit(seg);}));
    if(has)bar.appendChild(button('reject',T.reject,function(){reject(seg);}));
    seg.querySelector('.tgt').appendChild(bar);
  });
  Array.prototype.forEach.call(document.querySelectorAll('.block'),function(block){
    var list=Array.prototype.slice.call(block.querySelectorAll('.seg[data-base]'));
    if(list.some(approvable))block.querySelector('h2').appendChild(button('approve-paragraph',T.approveParagraph,function(){approve(list,null);}));
  });
  var toolbar=document.querySelector('.toolbar .wrap');
  if(segs().some(approvable))toolbar.appendChild(button('approve-article',T.approveArticle,function(){approve(segs(),null);}));
  document.addEventListener('keydown',function(e){
    if(e.altKey||e.ctrlKey||e.metaKey)return;
    var t=e.target;if(t&&(t.tagName==='TEXTAREA'||t.isContentEditable||(t.tagName==='INPUT'&&t.type!=='checkbox')))return;
    var seg=document.activeElement&&document.activeElement.closest?document.activeElement.closest('.seg[data-base]'):null;
    if(!seg)return;
    if(e.key==='a'){approve([seg],seg);e.preventDefault();}
    else if(e.key==='e'){edit(seg);e.preventDefault();}
    else if(e.key==='r'){reject(seg);e.preventDefault();}
  });
  try{
    var focus=sessionStorage.getItem('pereklad-focus');var said=sessionStorage.getItem('pereklad-status');
    sessionStorage.removeItem('pereklad-focus');sessionStorage.removeItem('pereklad-status');
    if(said)statusBox.textContent=said;
    if(focus){var f=document.getElementById(focus);if(f)f.focus();}
  }catch(e){}
})();
`;
